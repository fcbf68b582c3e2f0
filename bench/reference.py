#!/usr/bin/python3
"""Reference timings for `npm run bench` (bench/run.ts): the paper U-Net in PyTorch and the DSP items
in scipy, on the same machine and inputs as ours. Prints one JSON object on stdout; progress goes to
stderr. Run with Debian's interpreter, which has python3-torch and python3-scipy:

    /usr/bin/python3 bench/reference.py [--quick] [--only forward_b1,stft_istft_3min] [--threads 1,2]

Every item is the median of several runs after warm-up. Model items are timed at each thread count
and the faster is reported (with the count that won): the issue compares against PyTorch at its best
on this machine, which FIELD-NOTES found to be 1 thread on 2 cores.

The model is src/model/unet.ts UNET_PAPER rebuilt in NCHW: [batch, 1, 512, 128] here is tfjs's
[batch, 512, 128, 1]. 'same' padding for 5x5 stride 2 is padding=2 here and pads (1, 2) in tfjs; the
arithmetic is identical in amount, only the window's offset differs, which does not change timing.
"""
import argparse
import json
import statistics
import sys
import time

MODEL_ITEMS = ("forward_b1", "forward_b8", "train_b8")
DSP_ITEMS = ("stft_istft_3min", "resample_3min")
ALL_ITEMS = MODEL_ITEMS + DSP_ITEMS

# The paper's trainable parameter count (Jansson et al. 2017; src/model/unet.ts derives it).
PAPER_TRAINABLE = 9_823_313

# Signal conventions of src/dsp (STFT_PAPER) and the model rate.
MODEL_RATE = 8192
NFFT = 1024
HOP = 768
THREE_MINUTES = 180


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def median_ms(fn, warmup, runs):
    """Median wall time of `runs` calls after `warmup` untimed ones, in milliseconds."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), times


def build_unet(torch):
    nn = torch.nn
    filters = [16, 32, 64, 128, 256, 512]
    # Keras's BatchNormalization(momentum=0.99, epsilon=1e-3) is PyTorch's momentum=0.01, eps=1e-3.
    bn = lambda c: nn.BatchNorm2d(c, eps=1e-3, momentum=0.01)

    class UNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.enc = nn.ModuleList()
            cin = 1
            for f in filters:
                self.enc.append(nn.Sequential(nn.Conv2d(cin, f, 5, stride=2, padding=2), bn(f), nn.LeakyReLU(0.2)))
                cin = f
            self.dec = nn.ModuleList()
            # dec1 takes the deepest encoder output (512); later ones take [decoder ‖ skip] = 2·f.
            for i, f in enumerate(reversed(filters[:-1])):
                layers = [nn.ConvTranspose2d(cin, f, 5, stride=2, padding=2, output_padding=1), bn(f), nn.ReLU()]
                if i < 3:
                    layers.append(nn.Dropout(0.5))
                self.dec.append(nn.Sequential(*layers))
                cin = 2 * f
            self.mask = nn.ConvTranspose2d(cin, 1, 5, stride=2, padding=2, output_padding=1)

        def forward(self, x):
            skips = []
            for layer in self.enc:
                x = layer(x)
                skips.append(x)
            for i, layer in enumerate(self.dec):
                x = torch.cat([layer(x), skips[-2 - i]], dim=1)
            return torch.sigmoid(self.mask(x))

    model = UNet()
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    if trainable != PAPER_TRAINABLE:
        raise SystemExit(f"reference U-Net has {trainable} trainable parameters, expected {PAPER_TRAINABLE} (src/model/unet.ts)")
    return model, trainable


def model_items(torch, wanted, threads, warmup, runs, train_runs):
    """Times each model item at the given thread count; returns {item: {ms, runs}}."""
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    model, _ = build_unet(torch)
    out = {}
    x1 = torch.rand(1, 1, 512, 128)
    x8 = torch.rand(8, 1, 512, 128)
    y8 = torch.rand(8, 1, 512, 128)
    model.eval()
    with torch.no_grad():
        shape = tuple(model(x1).shape)
    if shape != (1, 1, 512, 128):
        raise SystemExit(f"reference U-Net maps [1, 1, 512, 128] to {list(shape)}; it must give a mask of the input's shape")
    for name, x in (("forward_b1", x1), ("forward_b8", x8)):
        if name in wanted:
            with torch.no_grad():
                ms, all_ms = median_ms(lambda: model(x), warmup, runs)
            out[name] = {"ms": ms, "runs": all_ms}
    if "train_b8" in wanted:
        model.train()
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)

        def step():
            optimizer.zero_grad(set_to_none=True)
            # src/model/loss.ts maskedL1Loss: |mask · mixture − target| summed per patch, mean over the batch.
            loss = (model(x8) * x8 - y8).abs().sum(dim=(1, 2, 3)).mean()
            loss.backward()
            optimizer.step()

        ms, all_ms = median_ms(step, warmup, train_runs)
        out["train_b8"] = {"ms": ms, "runs": all_ms}
    return out


def dsp_items(wanted, warmup, runs):
    import numpy as np
    import scipy.signal as ss

    rng = np.random.default_rng(1)
    out = {}
    if "stft_istft_3min" in wanted:
        # float32 like our Float32Array; scipy then computes in complex64. boundary='zeros' and
        # padded=True are scipy's defaults and src/dsp's `center: true` (frames centred, end padded).
        x = (0.1 * rng.standard_normal(MODEL_RATE * THREE_MINUTES)).astype(np.float32)
        kw = dict(fs=MODEL_RATE, window="hann", nperseg=NFFT, noverlap=NFFT - HOP)

        def run():
            _, _, z = ss.stft(x, **kw)
            _, y = ss.istft(z, **kw)
            return y

        y = run()
        if np.max(np.abs(y[: len(x)] - x)) > 1e-4:
            raise SystemExit("scipy stft/istft did not reconstruct the signal: the settings do not match src/dsp")
        ms, all_ms = median_ms(run, warmup, runs)
        out["stft_istft_3min"] = {"ms": ms, "runs": all_ms}
    if "resample_3min" in wanted:
        # 3 minutes of 44.1 kHz stereo to 8192 Hz: up 2048, down 11025 (gcd 4), scipy's default filter.
        x = (0.1 * rng.standard_normal((2, 44100 * THREE_MINUTES))).astype(np.float32)
        ms, all_ms = median_ms(lambda: ss.resample_poly(x, 2048, 11025, axis=-1), warmup, runs)
        out["resample_3min"] = {"ms": ms, "runs": all_ms}
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (noisier)")
    parser.add_argument("--only", default="", help="comma-separated items: " + ",".join(ALL_ITEMS))
    parser.add_argument("--threads", default="1,2", help="torch thread counts to try (default 1,2)")
    args = parser.parse_args()
    wanted = set(filter(None, args.only.split(","))) or set(ALL_ITEMS)
    unknown = wanted - set(ALL_ITEMS)
    if unknown:
        raise SystemExit(f"unknown items {sorted(unknown)}; known: {', '.join(ALL_ITEMS)}")
    warmup, runs, train_runs = (1, 3, 3) if args.quick else (2, 9, 5)

    result = {"items": {}, "versions": {"python": sys.version.split()[0]}, "missing": []}
    if wanted & set(MODEL_ITEMS):
        try:
            import torch
        except ImportError as e:
            result["missing"].append(f"PyTorch not installed: {e} (apt-get install python3-torch)")
            torch = None
        if torch is not None:
            result["versions"]["torch"] = torch.__version__
            per_threads = {}
            for n in [int(t) for t in args.threads.split(",")]:
                log(f"reference: PyTorch U-Net, {n} thread(s)…")
                per_threads[n] = model_items(torch, wanted, n, warmup, runs, train_runs)
            for item in MODEL_ITEMS:
                if item not in wanted:
                    continue
                best = min(per_threads, key=lambda n: per_threads[n][item]["ms"])
                result["items"][item] = {
                    "ms": per_threads[best][item]["ms"],
                    "threads": best,
                    "by_threads": {str(n): per_threads[n][item]["ms"] for n in per_threads},
                    "what": "PyTorch " + torch.__version__,
                }
    if wanted & set(DSP_ITEMS):
        try:
            import numpy
            import scipy

            result["versions"]["numpy"] = numpy.__version__
            result["versions"]["scipy"] = scipy.__version__
        except ImportError as e:
            result["missing"].append(f"numpy/scipy not installed: {e} (apt-get install python3-scipy)")
        else:
            log("reference: scipy STFT/ISTFT and resample_poly…")
            for item, r in dsp_items(wanted, warmup, runs).items():
                what = "scipy.signal.stft+istft" if item == "stft_istft_3min" else "scipy.signal.resample_poly"
                result["items"][item] = {"ms": r["ms"], "threads": 1, "what": f"{what} {scipy.__version__}"}
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
