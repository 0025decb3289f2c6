// Placeholder until the owner of this subcommand lands it.
export async function main(_argv: string[]): Promise<number> {
  process.stderr.write('onegate-agent: once is not implemented yet\n');
  return 1;
}
