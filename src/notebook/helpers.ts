/** What notebooks import from the library besides its domains: browser-safe, no engine inside. */
export { display, describeValue } from "./display";
export { invalidation } from "./invalidation";
export { quickMode } from "./quick";
export { view } from "./view";
