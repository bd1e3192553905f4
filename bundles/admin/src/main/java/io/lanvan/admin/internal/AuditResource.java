package io.lanvan.admin.internal;

import io.lanvan.api.audit.AuditExportFormat;
import io.lanvan.api.audit.AuditFilter;
import io.lanvan.api.audit.AuditLog;
import io.lanvan.api.audit.AuditOrder;
import io.lanvan.api.audit.AuditPage;
import io.lanvan.api.audit.AuditQuery;
import io.lanvan.api.audit.AuditRecord;
import io.lanvan.api.audit.AuditVerification;
import io.lanvan.api.web.ProblemException;
import io.lanvan.api.web.RestResource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/admin/audit}: page through, export and verify the hash-chained audit log. */
@Component(service = AuditResource.class, reference = @Reference(name = "gate", service = AdminGate.class))
@RestResource
@Path("admin/audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {
    private static final int MAX_LIMIT = 500;

    private final AuditLog audit;

    @Activate
    public AuditResource(@Reference AuditLog audit) {
        this.audit = audit;
    }

    public record RecordView(long sequence, String timestamp, String action, String actor, String subject,
                             Map<String, String> details, String previousHash, String hash) {}

    public record PageView(List<RecordView> records, Long next) {}

    public record BrokenView(long sequence, String reason) {}

    /**
     * {@code anchoredThrough}: the last record a signed checkpoint outside the database confirmed (0: none);
     * {@code anchorKeyFingerprint}: the SHA-256 of the key that checked them, null when the server has none.
     */
    public record VerificationView(boolean intact, long verifiedRecords, long firstSequence, long lastSequence, BrokenView broken,
                                   long anchoredThrough, String anchorKeyFingerprint) {}

    @GET
    public PageView page(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("action") String action,
                         @QueryParam("actor") String actor, @QueryParam("subject") String subject, @QueryParam("q") String text,
                         @QueryParam("order") @DefaultValue("newest") String order, @QueryParam("cursor") @DefaultValue("0") long cursor,
                         @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("Query parameter 'limit' must be between 1 and " + MAX_LIMIT);
        }
        if (!order.equals("newest") && !order.equals("oldest")) {
            throw ProblemException.badRequest("Query parameter 'order' must be newest or oldest");
        }
        if (cursor < 0) {
            throw ProblemException.badRequest("Query parameter 'cursor' must be 0 or the 'next' of a previous page");
        }
        AuditPage page = audit.query(new AuditQuery(filter(from, to, action, actor, subject, text),
                order.equals("newest") ? AuditOrder.NEWEST_FIRST : AuditOrder.OLDEST_FIRST, cursor, limit));
        return new PageView(page.records().stream().map(AuditResource::view).toList(),
                page.next().isPresent() ? page.next().getAsLong() : null);
    }

    @GET
    @Path("export")
    @Produces({"text/csv", "application/jsonl", MediaType.APPLICATION_JSON})
    public Response export(@QueryParam("format") @DefaultValue("csv") String format, @QueryParam("from") String from,
                           @QueryParam("to") String to, @QueryParam("action") String action, @QueryParam("actor") String actor,
                           @QueryParam("subject") String subject, @QueryParam("q") String text,
                           @Context HttpServletRequest request) {
        AuditExportFormat chosen = switch (format) {
            case "csv" -> AuditExportFormat.CSV;
            case "json", "jsonl" -> AuditExportFormat.JSONL;
            default -> throw ProblemException.badRequest("Query parameter 'format' must be csv or json");
        };
        AuditFilter filter = filter(from, to, action, actor, subject, text);
        Admins.recordFirst(audit, request, "admin.audit.exported", "audit", Map.of("format", format));
        StreamingOutput body = out -> audit.export(chosen, filter, out);
        return Response.ok(body, chosen == AuditExportFormat.CSV ? "text/csv; charset=utf-8" : "application/jsonl")
                .header("Content-Disposition", "attachment; filename=\"lanvan-audit." + (chosen == AuditExportFormat.CSV ? "csv" : "jsonl") + "\"")
                .build();
    }

    @GET
    @Path("verify")
    public VerificationView verify() {
        AuditVerification verification = audit.verify();
        return new VerificationView(verification.intact(), verification.verifiedRecords(), verification.firstSequence(),
                verification.lastSequence(), verification.broken().map(b -> new BrokenView(b.sequence(), b.reason())).orElse(null),
                verification.anchoredThrough(), verification.anchorKeyFingerprint().orElse(null));
    }

    private static AuditFilter filter(String from, String to, String action, String actor, String subject, String text) {
        if (text != null && text.strip().length() > AuditFilter.MAX_TEXT_LENGTH) {
            throw ProblemException.badRequest("Query parameter 'q' must be at most " + AuditFilter.MAX_TEXT_LENGTH
                    + " characters, was " + text.strip().length());
        }
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && end.isBefore(start)) {
            throw ProblemException.badRequest("Query parameter 'to' must not be before 'from'");
        }
        return new AuditFilter(start, end, blankToNull(action), blankToNull(actor), blankToNull(subject), blankToNull(text));
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("Query parameter '" + name + "' must be an ISO-8601 instant such as 2026-11-25T10:00:00Z");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static RecordView view(AuditRecord record) {
        return new RecordView(record.sequence(), record.timestamp().toString(), record.action(), record.actor(),
                record.subject(), record.details(), record.previousHash(), record.hash());
    }
}
