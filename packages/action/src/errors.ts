/**
 * A problem the user can fix (an input, the event, a file the action cannot read): the step fails
 * with this message alone, never a stack trace.
 */
export class ActionError extends Error {
  override readonly name = 'ActionError';
}
