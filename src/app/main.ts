import "@observablehq/inputs/dist/index.css";
import { Workbench } from "./workbench";

void new Workbench(document.querySelector<HTMLElement>("#app")!).start();
