// Starts a bundled program (dist/onegate.cjs, dist/onegate-agent.cjs) for npm's command links. A bundle
// starts itself only when it is the main module, and under npm's links the bin file is, so the bin file
// calls the bundle's main with the arguments and sets the exit status as the bundle itself would.
module.exports = function start(name, program) {
  program.main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`${name}: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
};
