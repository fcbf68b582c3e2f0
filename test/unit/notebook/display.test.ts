import { afterEach, describe, expect, it, vi } from "vitest";
import { describeValue, display, quickMode } from "../../../src/notebook/helpers";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("display outside a session", () => {
  it("prints a one-line description and returns the value", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const x = new Float32Array([0.5, -0.25, 1]);
    expect(display(x)).toBe(x);
    expect(log).toHaveBeenCalledWith("Float32Array(3, -0.25 … 1)");
  });
});

describe("describeValue", () => {
  it("describes the library's values by their shape", () => {
    const audio = { sampleRate: 8192, channels: [new Float32Array(4096), new Float32Array(4096)] };
    expect(describeValue(audio)).toBe("Audio 2 ch × 4096 samples at 8192 Hz (0.50 s)");
    const spec = { frames: 12, bins: 513, re: new Float32Array(1), im: new Float32Array(1), length: 8192, config: {} };
    expect(describeValue(spec)).toBe("Spectrogram 513 bins × 12 frames");
    expect(describeValue({ shape: [1, 512, 128, 1], dtype: "float32", rank: 4 })).toBe("Tensor float32 [1, 512, 128, 1]");
    const model = { name: "unet", layers: [1, 2, 3], countParams: () => 1234567 };
    expect(describeValue(model)).toBe('Model "unet": 3 layers, 1,234,567 parameters');
  });

  it("describes plain values compactly", () => {
    expect(describeValue(undefined)).toBe("undefined");
    expect(describeValue(3)).toBe("3");
    expect(describeValue(0.123456)).toBe("0.1235");
    expect(describeValue(1e-7)).toBe("1.00e-7");
    expect(describeValue("text")).toBe("text");
    expect(describeValue("x".repeat(200))).toHaveLength(80);
    expect(describeValue([1, "a", [2], { k: 1 }])).toBe('Array(4) [1, "a", Array(1), {…}]');
    expect(describeValue({ bin: 7, hz: 56 })).toBe("{bin: 7, hz: 56}");
    expect(describeValue(new Map([[1, 2]]))).toBe("Map(1)");
    expect(describeValue(new RangeError("bad"))).toBe("RangeError: bad");
    expect(describeValue(function train() {})).toBe("function train");
    expect(describeValue(class Trainer {})).toBe("class Trainer");
    expect(describeValue(Promise.resolve(1))).toBe("Promise");
  });
});

describe("quickMode", () => {
  it("is on with DEMIX_QUICK=1 in Node", () => {
    vi.stubEnv("DEMIX_QUICK", "");
    expect(quickMode()).toBe(false);
    vi.stubEnv("DEMIX_QUICK", "1");
    expect(quickMode()).toBe(true);
  });

  it("is on with ?quick in a page's URL", () => {
    vi.stubEnv("DEMIX_QUICK", "");
    vi.stubGlobal("location", { search: "?quick" });
    expect(quickMode()).toBe(true);
    vi.stubGlobal("location", { search: "?seed=2" });
    expect(quickMode()).toBe(false);
  });
});
