/**
 * Learning rate as a function of the step, so that a resumed run continues the same schedule.
 * `decay` multiplies the rate by `factor` every `every` steps (a staircase); none keeps it constant.
 */
export interface LearningRateSchedule {
  initial: number;
  decay?: { factor: number; every: number };
}

export function learningRateAt(schedule: LearningRateSchedule, step: number): number {
  const { initial, decay } = schedule;
  if (!decay) return initial;
  return initial * decay.factor ** Math.floor(step / decay.every);
}

export function validateSchedule(s: LearningRateSchedule): void {
  if (!(s.initial > 0) || !Number.isFinite(s.initial)) throw new Error(`learning rate must be a positive number, got ${s.initial}`);
  if (s.decay && (!(s.decay.factor > 0 && s.decay.factor <= 1) || !(s.decay.every >= 1))) {
    throw new Error(`learning-rate decay needs 0 < factor ≤ 1 and every ≥ 1 step, got ${JSON.stringify(s.decay)}`);
  }
}
