/**
 * Notebooks: the file format (jupytext percent format in TypeScript), the cell compiler and the
 * reactive session that runs cells on @observablehq/runtime. DOM-free: the editor UI renders what
 * the session reports, and the Node runner (./node, Node only) prints it.
 */
export {
  parseNotebook,
  serializeNotebook,
  parseHeader,
  headerFor,
  isMarkerLine,
  cellFirstLines,
  markdownText,
  markdownSource,
  markdownCell,
  codeCell,
  newCellId,
  type Cell,
  type CellKind,
  type CellHeader,
  type Notebook,
} from "./format";
export { compileCell, CELL_BUILTINS, type CompiledCell, type CompileOptions, type CellError } from "./compile";
export { NotebookSession, type CellStatus, type DisplayInfo, type SessionObserver, type SessionOptions } from "./session";
export { isLibrarySpecifier, LIBRARY_NAME } from "./specifiers";
export { display, describeValue } from "./display";
export { invalidation } from "./invalidation";
export { quickMode } from "./quick";
