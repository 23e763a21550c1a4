"""Unit tests of the shared contract: python3 -m unittest discover -s tests (from activities/src/main/python)."""
import math
import os
import tempfile
import unittest

import numpy as np

from vigil_flows import data as D
from vigil_flows.metrics import pr_auc, roc_auc


def flow(row, ts, dst_ip="10.0.0.1", dst_port=443, src="1.2.3.4", label=0, **kw):
    base = dict(duration=0.5, src_port=50000, fwd_bytes=100, bwd_bytes=200, fwd_pkts=3, bwd_pkts=4)
    base.update(kw)
    return D.Flow(row=row, ts=ts, src_ip=src, dst_ip=dst_ip, dst_port=dst_port, label=label, **base)


class Windows(unittest.TestCase):
    def test_starts(self):
        self.assertEqual(D.window_starts(1), [0])
        self.assertEqual(D.window_starts(16), [0])
        self.assertEqual(D.window_starts(17), [0, 1])
        self.assertEqual(D.window_starts(24), [0, 8])
        self.assertEqual(D.window_starts(25), [0, 8, 9])
        self.assertEqual(D.window_starts(32), [0, 8, 16])
        self.assertEqual(D.window_starts(40), [0, 8, 16, 24])

    def test_grouping_order_and_label(self):
        fl = [flow(0, 5.0, src="b"), flow(1, 1.0, src="a", label=1), flow(2, 1.0, src="b"), flow(3, 0.5, src="a")]
        seqs = D.build_sequences(fl)
        self.assertEqual([s.key for s in seqs], ["b#0", "a#0"])       # entities by first row
        self.assertEqual(seqs[0].rows, [2, 0])                          # (ts, row) order
        self.assertEqual(seqs[1].rows, [3, 1])
        self.assertEqual([s.label for s in seqs], [0, 1])


class Features(unittest.TestCase):
    def test_values(self):
        fl = [flow(0, 10.0), flow(1, 12.5, dst_ip="10.0.0.2", dst_port=8080, src_port=0, duration=0)]
        s = D.build_sequences(fl)[0]
        x = D.raw_features(s)
        self.assertEqual(x.shape, (16, 11))
        self.assertAlmostEqual(x[0, 0], math.log1p(0.5))
        self.assertAlmostEqual(x[0, 1], math.log1p(100))
        self.assertAlmostEqual(x[0, 4], math.log1p(4))
        self.assertEqual(x[0, 5], 0.0)
        self.assertAlmostEqual(x[1, 5], math.log1p(2.5))
        self.assertAlmostEqual(x[0, 6], 443 / 65535)
        self.assertEqual(list(x[:2, 7]), [1.0, 0.0])
        self.assertAlmostEqual(x[0, 8], 50000 / 65535)
        self.assertEqual(list(x[:2, 9]), [0.0, 1.0])
        self.assertEqual(list(x[:3, 10]), [1.0, 1.0, 0.0])
        self.assertTrue(np.all(x[2:] == 0))

    def test_padding_stays_zero_after_normalise(self):
        raw = D.raw_tensor(D.build_sequences([flow(0, 1.0), flow(1, 2.0)]))
        z = D.normalise(raw, [1.0] * 6, [2.0] * 6)
        self.assertEqual(z.dtype, np.float32)
        self.assertTrue(np.all(z[0, 2:] == 0))
        self.assertAlmostEqual(float(z[0, 0, 1]), (math.log1p(100) - 1.0) / 2.0, places=6)

    def test_zeek_and_missing(self):
        text = ("#separator \\x09\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tduration\t"
                "orig_bytes\tresp_bytes\torig_pkts\tresp_pkts\ttunnel_parents   label   detailed-label\n"
                "1.5\tC1\t1.1.1.1\t123\t2.2.2.2\t80\ttcp\t-\t-\t7\t1\t-\t-   Malicious   DDoS\n")
        with tempfile.NamedTemporaryFile("w", suffix=".log", delete=False) as fh:
            fh.write(text)
        try:
            (f,) = D.load_flows(fh.name)
        finally:
            os.unlink(fh.name)
        self.assertEqual((f.ts, f.src_ip, f.src_port, f.dst_ip, f.dst_port), (1.5, "1.1.1.1", 123, "2.2.2.2", 80))
        self.assertEqual((f.duration, f.fwd_bytes, f.bwd_bytes, f.fwd_pkts, f.bwd_pkts, f.label), (0, 0, 7, 1, 0, 1))


class Metrics(unittest.TestCase):
    def test_auc(self):
        self.assertEqual(roc_auc([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4]), 1.0)
        self.assertEqual(roc_auc([0, 1], [0.5, 0.5]), 0.5)
        self.assertAlmostEqual(roc_auc([0, 1, 0, 1], [0.1, 0.35, 0.4, 0.8]), 0.75)
        self.assertTrue(math.isnan(roc_auc([1, 1], [0.1, 0.2])))
        # sklearn.metrics.average_precision_score([0,1,0,1],[0.1,0.35,0.4,0.8]) == 0.8333...
        self.assertAlmostEqual(pr_auc([0, 1, 0, 1], [0.1, 0.35, 0.4, 0.8]), 5 / 6)

    def test_undefined_is_null(self):
        from vigil_flows.metrics import summary
        self.assertIsNone(summary([1, 1], [0.1, 0.2])["roc_auc"])


if __name__ == "__main__":
    unittest.main()
