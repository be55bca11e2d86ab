package cn.np700.portal.runs;

/** Refuses a run whose exclusive key a running run holds; names that run, so the refusal can point to it. */
public class RunAlreadyGoing extends RuntimeException {

    private final transient Run running;

    RunAlreadyGoing(Run running) {
        super("run " + running.id() + " (" + running.kind() + ") is still running");
        this.running = running;
    }

    public Run running() {
        return running;
    }
}
