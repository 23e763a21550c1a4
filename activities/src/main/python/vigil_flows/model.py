"""Sequence models.  Only basic ops (Linear, LayerNorm, matmul, softmax) so the ONNX export with
torch 1.13's exporter is plain and ONNX Runtime reproduces PyTorch closely."""
from __future__ import annotations

import math
from typing import Dict, List, Optional

import torch
from torch import nn

from .data import N_FEATURES, N_RECON, WINDOW

NEG = -1.0e4  # additive attention bias for masked keys (finite: no NaN, exact 0 after softmax in fp32)


class Attention(nn.Module):
    def __init__(self, d: int, heads: int):
        super().__init__()
        assert d % heads == 0
        self.h, self.dk = heads, d // heads
        self.q = nn.Linear(d, d)
        self.k = nn.Linear(d, d)
        self.v = nn.Linear(d, d)
        self.o = nn.Linear(d, d)

    def forward(self, xq: torch.Tensor, xkv: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        # xq [B,Tq,d], xkv [B,Tk,d], bias broadcastable to [B,1,Tq,Tk]
        b, tq, d = xq.shape
        tk = xkv.shape[1]
        q = self.q(xq).reshape(b, tq, self.h, self.dk).transpose(1, 2)
        k = self.k(xkv).reshape(b, tk, self.h, self.dk).transpose(1, 2)
        v = self.v(xkv).reshape(b, tk, self.h, self.dk).transpose(1, 2)
        a = torch.matmul(q, k.transpose(2, 3)) * (1.0 / math.sqrt(self.dk)) + bias
        a = torch.softmax(a, dim=-1)
        y = torch.matmul(a, v).transpose(1, 2).reshape(b, tq, d)
        return self.o(y)


class Block(nn.Module):
    """Pre-LayerNorm transformer block (self- or cross-attention), no dropout."""

    def __init__(self, d: int, heads: int, ff: int):
        super().__init__()
        self.ln1 = nn.LayerNorm(d)
        self.ln_kv = nn.LayerNorm(d)
        self.att = Attention(d, heads)
        self.ln2 = nn.LayerNorm(d)
        self.ff = nn.Sequential(nn.Linear(d, ff), nn.GELU(), nn.Linear(ff, d))

    def forward(self, x: torch.Tensor, bias: torch.Tensor, kv: Optional[torch.Tensor] = None) -> torch.Tensor:
        h = self.ln1(x)
        kvn = h if kv is None else self.ln_kv(kv)
        x = x + self.att(h, kvn, bias)
        return x + self.ff(self.ln2(x))


class FlowSeqAutoencoder(nn.Module):
    """Transformer autoencoder with a small bottleneck.

    encoder: Linear(11->d) + learned position, `layers` self-attention blocks over real flows,
    masked mean pool -> latent (dim `latent`, tanh); decoder: latent + learned position,
    `layers` self-attention blocks -> Linear(d->10).  Per-flow error = weighted mean over features
    0..9 of the squared error (weights 1/variance of the feature on training flows, so every feature
    counts in standardised units); score = mean of per-flow error over real flows."""

    def __init__(self, d: int = 32, heads: int = 4, layers: int = 2, ff: int = 64, latent: int = 8,
                 feature_weights=None, head: bool = False):
        super().__init__()
        self.config: Dict = dict(kind="autoencoder", d=d, heads=heads, layers=layers, ff=ff, latent=latent, head=head)
        self.inp = nn.Linear(N_FEATURES, d)
        self.pos = nn.Parameter(torch.randn(WINDOW, d) * 0.02)
        self.enc = nn.ModuleList([Block(d, heads, ff) for _ in range(layers)])
        self.enc_ln = nn.LayerNorm(d)
        self.to_latent = nn.Linear(d, latent)
        self.from_latent = nn.Linear(latent, d)
        self.pos_dec = nn.Parameter(torch.randn(WINDOW, d) * 0.02)
        self.dec = nn.ModuleList([Block(d, heads, ff) for _ in range(layers)])
        self.dec_ln = nn.LayerNorm(d)
        self.out = nn.Linear(d, N_RECON)
        w = torch.ones(N_RECON) if feature_weights is None else torch.as_tensor(feature_weights, dtype=torch.float32)
        self.register_buffer("feature_weights", w.reshape(1, 1, N_RECON).clone())
        # optional supervised head (fine-tuning): logistic regression on [pooled, log-error]
        self.use_head = head
        self.head = nn.Linear(d + 1, 1)

    def encode(self, x: torch.Tensor):
        mask = x[:, :, 10]                                   # [B,T]
        bias = ((1.0 - mask) * NEG)[:, None, None, :]         # [B,1,1,T]
        h = self.inp(x) + self.pos
        for blk in self.enc:
            h = blk(h, bias)
        h = self.enc_ln(h)
        pooled = (h * mask[:, :, None]).sum(1) / mask.sum(1, keepdim=True).clamp(min=1.0)
        return pooled, mask, bias

    def reconstruct(self, x: torch.Tensor):
        pooled, mask, bias = self.encode(x)
        z = torch.tanh(self.to_latent(pooled))
        h = self.from_latent(z)[:, None, :] + self.pos_dec
        for blk in self.dec:
            h = blk(h, bias)
        return self.out(self.dec_ln(h)), mask, pooled

    def flow_errors(self, x: torch.Tensor):
        rec, mask, pooled = self.reconstruct(x)
        err = ((rec - x[:, :, :N_RECON]) ** 2 * self.feature_weights).mean(-1) * mask   # [B,T]
        return err, mask, pooled

    def recon_score(self, x: torch.Tensor):
        err, mask, pooled = self.flow_errors(x)
        return err.sum(1) / mask.sum(1).clamp(min=1.0), pooled

    def logit(self, x: torch.Tensor) -> torch.Tensor:
        s, pooled = self.recon_score(x)
        return self.head(torch.cat([pooled, torch.log(s + 1e-6)[:, None]], dim=1))[:, 0]

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.use_head:
            return torch.sigmoid(self.logit(x))
        return self.recon_score(x)[0]


class Ensemble(nn.Module):
    """The mean score of members trained alike from different seeds.  One training run's ranking
    of flows it has never seen depends a good deal on its seed; the mean of a few runs depends on it
    much less, at a cost in training and scoring time that grows with the number of members.  Same
    input and output as one member, so ONNX Runtime and the Java side see no difference."""

    def __init__(self, members: List[nn.Module]):
        super().__init__()
        self.members = nn.ModuleList(members)
        self.config: Dict = dict(kind="ensemble", members=[dict(member.config) for member in members])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.stack([member(x) for member in self.members], dim=0).mean(dim=0)


def build_model(config: Dict, feature_weights=None) -> nn.Module:
    cfg = dict(config)
    kind = cfg.pop("kind", "autoencoder")
    if kind == "ensemble":
        return Ensemble([build_model(member) for member in cfg["members"]])
    if kind != "autoencoder":
        raise ValueError(f"unknown model kind {kind}")
    return FlowSeqAutoencoder(feature_weights=feature_weights, **cfg)
