package dev.jfilter.runtime.kernel.netns;

import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Runs a task inside a named network namespace ({@code /run/netns/NAME}, as {@code ip netns add} makes them), in
 * this process: a new platform thread joins the namespace with {@code setns(fd, CLONE_NEWNET)} (a network namespace
 * belongs to a thread on Linux, not to the process), runs the task and ends, so that no pooled or reused thread is
 * left in another namespace. The caller waits for it and gets its value or its exception.
 *
 * <p>A socket belongs to the namespace it was created in for its whole life, whichever thread uses it later: a
 * socket (a {@link RawSender}, a capture socket) may be opened by a task here and used, and closed, outside.
 *
 * <pre>{@code
 * RawSender sender = InNamespace.call(pair.senderNamespace(), () -> RawSender.open(pair.senderDevice()));
 * try (sender) {
 *     sender.send(frame);   // from the caller's thread, still on the sender's veth end
 * }
 * }</pre>
 *
 * @see <a href="https://man7.org/linux/man-pages/man2/setns.2.html">setns(2)</a>
 * @see <a href="https://man7.org/linux/man-pages/man8/ip-netns.8.html">ip-netns(8)</a>
 */
public final class InNamespace {
    private static final String NETNS_DIR = "/run/netns/";

    private InNamespace() {}

    /** A task without a value that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    /**
     * Runs {@code task} on a new thread inside {@code namespace} and returns its value. Its exception is rethrown
     * as it is; failing to enter the namespace is an {@link IllegalStateException} with the call and errno. If the
     * caller is interrupted while waiting, the task's thread is interrupted too and the caller gets
     * {@link InterruptedException}.
     */
    public static <T> T call(String namespace, Callable<T> task) throws Exception {
        Objects.requireNonNull(task, "task");
        if (namespace.isEmpty() || namespace.contains("/") || namespace.equals(".") || namespace.equals("..")) {
            throw new IllegalArgumentException("not a namespace name: '" + namespace + "'");
        }
        Outcome<T> outcome = new Outcome<>();
        Thread thread = Thread.ofPlatform().name("netns-" + namespace).unstarted(() -> {
            try {
                enter(namespace);
                outcome.value = task.call();
            } catch (Throwable t) {
                outcome.failure = t;
            }
        });
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            thread.interrupt();
            throw e;
        }
        return switch (outcome.failure) {
            case null -> outcome.value;
            case Exception e -> throw e;
            case Error e -> throw e;
            case Throwable t -> throw new IllegalStateException("task in " + namespace + " failed", t);
        };
    }

    /** Runs {@code task} on a new thread inside {@code namespace}, as {@link #call} does. */
    public static void run(String namespace, ThrowingRunnable task) throws Exception {
        Objects.requireNonNull(task, "task");
        call(namespace, () -> {
            task.run();
            return null;
        });
    }

    /** Moves the calling thread into the network namespace {@code name}. */
    private static void enter(String name) {
        String path = NETNS_DIR + name;
        int fd = NetLibc.open(path, NetLibc.O_RDONLY | NetLibc.O_CLOEXEC);
        try {
            NetLibc.setns(fd, NetLibc.CLONE_NEWNET, path + ", CLONE_NEWNET");
        } finally {
            NetLibc.close(fd);
        }
    }

    /** What the task's thread hands back; {@link Thread#join()} makes its writes visible to the caller. */
    private static final class Outcome<T> {
        T value;
        Throwable failure;
    }
}
