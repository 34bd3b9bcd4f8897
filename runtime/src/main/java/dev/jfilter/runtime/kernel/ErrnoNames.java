package dev.jfilter.runtime.kernel;

/**
 * Names of the Linux (asm-generic) errno values a socket filter attach can return, for C libraries without
 * {@code strerrorname_np}.
 *
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/asm-generic/errno-base.h">errno-base.h</a>
 */
final class ErrnoNames {
    private ErrnoNames() {}

    static String name(int errno) {
        return switch (errno) {
            case 1 -> "EPERM";
            case 2 -> "ENOENT";
            case 4 -> "EINTR";
            case 9 -> "EBADF";
            case 12 -> "ENOMEM";
            case 13 -> "EACCES";
            case 14 -> "EFAULT";
            case 22 -> "EINVAL";
            case 23 -> "ENFILE";
            case 24 -> "EMFILE";
            case 34 -> "ERANGE";
            case 92 -> "ENOPROTOOPT";
            case 93 -> "EPROTONOSUPPORT";
            case 95 -> "EOPNOTSUPP";
            case 97 -> "EAFNOSUPPORT";
            default -> "errno " + errno;
        };
    }
}
