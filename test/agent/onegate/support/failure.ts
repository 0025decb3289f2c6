// Awaits a call that must fail and returns its error, so tests can assert on code, status and message.

/** The fields of a OneGateError that tests look at. */
export interface Failure {
  code: string;
  message: string;
  status?: number;
  body?: string;
  hint?: string;
}

/** Resolves to the rejection of `promise`; throws if it fulfils. */
export async function failure(promise: Promise<unknown>): Promise<Failure> {
  try {
    await promise;
  } catch (err) {
    return err as Failure;
  }
  throw new Error('expected the call to fail');
}
