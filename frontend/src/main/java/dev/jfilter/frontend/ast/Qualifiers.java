package dev.jfilter.frontend.ast;

/**
 * The qualifiers that apply to an identifier: protocol, direction and type. {@code span} is where they were
 * written; for an identifier that inherits them ({@code b} in {@code host a or b}) it is the span of the
 * qualifiers it inherited.
 */
public record Qualifiers(ProtoQualifier proto, DirQualifier dir, AddrQualifier addr, Span span) {}
