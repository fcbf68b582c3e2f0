/**
 * The training worker's entry (a dedicated module worker, started by ./browser.ts). It starts tfjs's
 * backend in here, makes generated songs in here, trains, and streams every step's record to the
 * page; the page's requests are answered between steps. Every failure is posted back as the run's
 * end or as a refused request, never left to hang.
 */
import { STOP, type Answers, type FromWorker, type Question, type ToWorker } from "./protocol";
import { messageOf, TrainingSession } from "./run";

/** The parts of DedicatedWorkerGlobalScope used here (the project's TypeScript lib is DOM, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;
const post = (message: FromWorker, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

let session: TrainingSession | undefined;

function start(message: Extract<ToWorker, { kind: "start" }>): void {
  const flag = message.stopFlag;
  session = new TrainingSession(message.options, () => flag !== undefined && Atomics.load(flag, 0) === STOP);
  session.backend.then((info) => post({ kind: "backend", info }), () => {});
  void session.run((record) => post({ kind: "step", record })).then((end) => post({ kind: "done", end }));
}

async function answer(id: number, question: Question): Promise<void> {
  try {
    if (!session) throw new Error("the worker was asked before it was started");
    const value: Answers[Question] =
      question === "state" ? await session.state() : question === "artifacts" ? await session.artifacts() : await session.modelArtifacts();
    // The weights were copied out of the model for this answer: move them, don't copy them again.
    const weights = "weightData" in value && value.weightData instanceof ArrayBuffer ? [value.weightData] : [];
    post({ kind: "answer", id, value }, weights);
  } catch (e) {
    post({ kind: "refusal", id, message: messageOf(e) });
  }
}

scope.onmessage = (event) => {
  const message = event.data;
  switch (message.kind) {
    case "start":
      start(message);
      break;
    case "stop":
      session?.stop();
      break;
    case "ask":
      void answer(message.id, message.question);
      break;
  }
};
