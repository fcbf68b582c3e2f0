import { Workbench } from "./workbench";

void new Workbench(document.querySelector<HTMLElement>("#app")!).start();
