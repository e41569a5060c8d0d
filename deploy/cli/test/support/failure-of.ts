/** What a promise rejects with (undefined when it resolves), for asserting on an error's fields. */
export const failureOf = <Failure = Error>(promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as Failure,
  );
