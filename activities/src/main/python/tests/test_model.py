"""Tests of the models themselves.  They need torch (Debian python3-torch, install-deps.sh), which
CI does not install, so there they are skipped with that reason."""
import os
import tempfile
import unittest

try:
    import torch
except ImportError:
    torch = None


@unittest.skipIf(torch is None, "torch is not installed here (activities/src/main/python/install-deps.sh)")
class EnsembleTest(unittest.TestCase):
    def setUp(self):
        from vigil_flows.data import N_FEATURES, WINDOW
        from vigil_flows.model import Ensemble, build_model
        torch.manual_seed(1)
        self.members = [build_model(dict(kind="autoencoder", head=True)).eval() for _ in range(3)]
        self.ensemble = Ensemble(self.members).eval()
        # Five sequences of 12 real flows each, the last four slots padding.
        self.x = torch.randn(5, WINDOW, N_FEATURES)
        self.x[:, :, 10] = 1.0
        self.x[:, 12:, :] = 0.0
        self.build_model = build_model

    def test_scores_the_mean_of_its_members(self):
        with torch.no_grad():
            expected = torch.stack([member(self.x) for member in self.members]).mean(0)
            torch.testing.assert_close(self.ensemble(self.x), expected)
            self.assertEqual(self.ensemble(self.x).shape, (5,))

    def test_rebuilds_from_its_config_and_weights_as_a_checkpoint_does(self):
        rebuilt = self.build_model(self.ensemble.config)
        rebuilt.load_state_dict(self.ensemble.state_dict())
        with torch.no_grad():
            torch.testing.assert_close(rebuilt.eval()(self.x), self.ensemble(self.x))
        self.assertEqual([m["head"] for m in self.ensemble.config["members"]], [True, True, True])

    def test_exports_with_the_signature_of_one_model(self):
        from vigil_flows.export import check_onnx, export_onnx
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "ensemble.onnx")
            export_onnx(self.ensemble, path)   # check_onnx asserts the input and output names and shapes
            self.assertTrue(os.path.getsize(path) > 0)
            try:
                import onnx  # noqa: F401
            except ImportError:
                self.skipTest("python3-onnx is not installed, so the graph's signature is not checked")
            self.assertTrue(check_onnx(path))


if __name__ == "__main__":
    unittest.main()
