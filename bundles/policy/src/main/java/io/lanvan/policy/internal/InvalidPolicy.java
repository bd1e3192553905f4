package io.lanvan.policy.internal;

/** A policy setting that breaks its rule, naming the field. */
final class InvalidPolicy extends Exception {
    private static final long serialVersionUID = 1L;
    private final String field;

    InvalidPolicy(String field, String problem) {
        super(field + ": " + problem, null, false, false);
        this.field = field;
    }

    String field() {
        return field;
    }
}
