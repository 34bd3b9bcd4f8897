package dev.jfilter.runtime.kernel;

/**
 * A C library error number with its symbolic name and {@code strerror} text, as {@code EINVAL: Invalid argument}.
 *
 * @see <a href="https://man7.org/linux/man-pages/man3/errno.3.html">errno(3)</a>
 */
public record Errno(int number, String name, String description) {

    @Override
    public String toString() {
        return name + ": " + description;
    }
}
