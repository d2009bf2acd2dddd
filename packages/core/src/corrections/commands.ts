/** Replace what an earlier event of the stream recorded. `replacement.data` is validated by the type's codec. */
export interface CorrectEvent {
  readonly type: 'CorrectEvent';
  readonly eventId: string;
  readonly reason: string;
  readonly replacement: { readonly type: string; readonly data: unknown };
}

/** Declare that an earlier event of the stream should never have been recorded. */
export interface RetractEvent {
  readonly type: 'RetractEvent';
  readonly eventId: string;
  readonly reason: string;
}

export type CorrectionCommand = CorrectEvent | RetractEvent;

export const isCorrectionCommand = (command: { readonly type: string }): command is CorrectionCommand =>
  command.type === 'CorrectEvent' || command.type === 'RetractEvent';
