/**
 * Names a cell may use without any cell defining them: the language's built-ins and the platform's
 * everyday globals. They are never a cell's inputs. The list is fixed, not read from `globalThis`,
 * so compiling a cell gives the same result in Node and in the browser; a name missing here still
 * works (the runtime falls back to `globalThis`), it is only listed as an input. Window properties
 * with common names (`name`, `status`, `top`, `length`…) are left out on purpose: a cell may define
 * them.
 */
export const GLOBALS: ReadonlySet<string> = new Set([
  // ECMAScript
  "AggregateError", "Array", "ArrayBuffer", "Atomics", "BigInt", "BigInt64Array", "BigUint64Array",
  "Boolean", "DataView", "Date", "decodeURI", "decodeURIComponent", "encodeURI", "encodeURIComponent",
  "Error", "escape", "eval", "EvalError", "FinalizationRegistry", "Float16Array", "Float32Array",
  "Float64Array", "Function", "globalThis", "Infinity", "Int8Array", "Int16Array", "Int32Array", "Intl",
  "isFinite", "isNaN", "Iterator", "JSON", "Map", "Math", "NaN", "Number", "Object", "parseFloat",
  "parseInt", "Promise", "Proxy", "RangeError", "ReferenceError", "Reflect", "RegExp", "Set",
  "SharedArrayBuffer", "String", "Symbol", "SyntaxError", "TypeError", "Uint8Array", "Uint8ClampedArray",
  "Uint16Array", "Uint32Array", "undefined", "unescape", "URIError", "WeakMap", "WeakRef", "WeakSet",
  "WebAssembly",
  // Web platform (most also in Node)
  "AbortController", "AbortSignal", "atob", "AudioBuffer", "AudioContext", "Blob", "btoa",
  "cancelAnimationFrame", "clearInterval", "clearTimeout", "console", "createImageBitmap", "crypto",
  "CustomEvent", "document", "DOMParser", "Event", "EventTarget", "fetch", "File", "FileReader",
  "FormData", "Headers", "HTMLCanvasElement", "HTMLElement", "Image", "ImageData", "indexedDB",
  "localStorage", "location", "MessageChannel", "navigator", "Node", "OfflineAudioContext",
  "OffscreenCanvas", "performance", "queueMicrotask", "ReadableStream", "Request",
  "requestAnimationFrame", "Response", "sessionStorage", "setInterval", "setTimeout",
  "structuredClone", "TextDecoder", "TextEncoder", "URL", "URLSearchParams", "window", "Worker",
  "WritableStream",
  // Node
  "Buffer", "process",
]);
