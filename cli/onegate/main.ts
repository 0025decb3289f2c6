// Placeholder until the CLI lands.
process.stderr.write('onegate: not implemented yet\n');
process.exitCode = 1;
