package io.lanvan.audit.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.lanvan.api.audit.AuditExportFormat;
import io.lanvan.api.audit.AuditRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes records one at a time in an export format; flushes but never closes the caller's stream. */
abstract sealed class RecordExport {
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    static RecordExport of(AuditExportFormat format, OutputStream out) throws IOException {
        return switch (format) {
            case CSV -> new Csv(out);
            case JSONL -> new JsonLines(out);
        };
    }

    abstract void write(AuditRecord record) throws IOException;

    /** A record as a JSON-able map, fields named as in {@link AuditRecord} (a personal-data export). */
    static Map<String, Object> fields(AuditRecord record) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("sequence", record.sequence());
        fields.put("timestamp", record.timestamp().toString());
        fields.put("action", record.action());
        fields.put("actor", record.actor());
        fields.put("subject", record.subject());
        fields.put("details", new java.util.TreeMap<>(record.details()));
        fields.put("hash", record.hash());
        return fields;
    }

    abstract void finish() throws IOException;

    /**
     * RFC 4180: header row, CRLF line ends, fields quoted when they hold a comma, quote or line break.
     * A field that a spreadsheet would read as a formula (starting with = + - @, tab or CR: a device
     * named {@code =HYPERLINK(...)}) gets a leading single quote, so it opens as text (OWASP "CSV injection").
     */
    static final class Csv extends RecordExport {
        static final String HEADER = "sequence,timestamp,action,actor,subject,details,previousHash,hash";
        private final Writer out;

        Csv(OutputStream out) throws IOException {
            this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            this.out.write(HEADER + "\r\n");
        }

        @Override
        void write(AuditRecord record) throws IOException {
            out.write(Long.toString(record.sequence()));
            for (String field : new String[] {record.timestamp().toString(), record.action(), record.actor(),
                    record.subject(), detailsJson(record.details()), record.previousHash(), record.hash()}) {
                out.write(',');
                out.write(quoted(field));
            }
            out.write("\r\n");
        }

        @Override
        void finish() throws IOException {
            out.flush();
        }

        static String quoted(String value) {
            String field = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
            if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
                return field;
            }
            return '"' + field.replace("\"", "\"\"") + '"';
        }

        private static String detailsJson(Map<String, String> details) throws IOException {
            StringWriter text = new StringWriter();
            try (JsonGenerator json = JSON.createGenerator(text)) {
                writeDetails(json, details);
            }
            return text.toString();
        }
    }

    /** One JSON object per line (LF), fields named as in {@link AuditRecord}. */
    static final class JsonLines extends RecordExport {
        private final OutputStream out;
        private final JsonGenerator json;

        JsonLines(OutputStream out) throws IOException {
            this.out = out;
            this.json = JSON.createGenerator(out);
        }

        @Override
        void write(AuditRecord record) throws IOException {
            json.writeStartObject();
            json.writeNumberField("sequence", record.sequence());
            json.writeStringField("timestamp", record.timestamp().toString());
            json.writeStringField("action", record.action());
            json.writeStringField("actor", record.actor());
            json.writeStringField("subject", record.subject());
            json.writeFieldName("details");
            writeDetails(json, record.details());
            json.writeStringField("previousHash", record.previousHash());
            json.writeStringField("hash", record.hash());
            json.writeEndObject();
            json.writeRaw('\n');
        }

        @Override
        void finish() throws IOException {
            json.flush();
            out.flush();
        }
    }

    private static void writeDetails(JsonGenerator json, Map<String, String> details) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, String> entry : details.entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }
}
