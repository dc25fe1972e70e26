// Runs once when the server starts: stop with one clear message instead of failing on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { runStartupChecks, StartupError } = await import("./lib/startup-checks");
  try {
    await runStartupChecks();
  } catch (e) {
    if (e instanceof StartupError) {
      console.error(`\nGuardrail cannot start:\n${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}
