package io.lanvan.persistence.internal.schema;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An entity whose mapping its schema's migrations do not match (no {@code text} column). */
@Entity
@Table(name = "mismatch_note")
public class MismatchNote {
    @Id
    private long id;

    @Column(name = "text", nullable = false)
    private String text;

    protected MismatchNote() {
    }
}
