import type { StepRecord } from "../train";
import { fromArtifacts } from "./artifacts";
import type { TrainingOptions, TrainingRun } from "./options";
import { Progress } from "./progress";
import { TrainingSession } from "./run";

/**
 * The run on the calling thread: Node (headless notebooks, tests, scripts) or a worker that is itself
 * the training thread. The Trainer yields a macrotask between steps, so stop() and requests still
 * get their turn. No Node-only imports: this is the same code the worker runs, minus the messages.
 */
export function startInProcess(options: TrainingOptions): TrainingRun {
  const session = new TrainingSession(options);
  const progress = new Progress<StepRecord>();
  const done = session.run((record) => progress.push(record)).then((end) => {
    progress.close();
    return end;
  });
  return {
    progress,
    get records() {
      return progress.items;
    },
    done,
    backend: session.backend,
    async stop() {
      session.stop();
      await done;
    },
    state: () => session.state(),
    artifacts: () => session.artifacts(),
    // A copy even here, so the caller's model (which it may dispose or change) never is the one training.
    model: async () => fromArtifacts(await session.modelArtifacts(), false),
    dispose() {
      void session.dispose();
    },
  };
}
