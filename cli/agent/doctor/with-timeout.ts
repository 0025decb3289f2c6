// A promise bounded in time: every outside call of the doctor has its limit.

/** Resolves or rejects as `promise` does, or rejects with `message` (code ETIMEDOUT) after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(message), { code: 'ETIMEDOUT' })), ms);
  });
  return Promise.race([promise, bound]).finally(() => clearTimeout(timer));
}
