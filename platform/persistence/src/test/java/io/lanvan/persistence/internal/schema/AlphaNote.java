package io.lanvan.persistence.internal.schema;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A test capability's entity, in its schema {@code alpha}. */
@Entity
@Table(name = "alpha_note")
public class AlphaNote {
    @Id
    private long id;

    @Column(name = "text", nullable = false, length = 200)
    private String text;

    @Column(name = "author", length = 64)
    private String author;

    protected AlphaNote() {
    }

    AlphaNote(long id, String text, String author) {
        this.id = id;
        this.text = text;
        this.author = author;
    }

    String text() {
        return text;
    }

    String author() {
        return author;
    }
}
