package dev.jfilter.cbpf.listing;

/** A problem with one line of a listing: its 1-based line number and what is wrong with it. */
public record ListingError(int line, String message) {
    @Override
    public String toString() {
        return "line " + line + ": " + message;
    }
}
