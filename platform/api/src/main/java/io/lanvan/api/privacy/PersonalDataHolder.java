package io.lanvan.api.privacy;

import java.util.Map;
import java.util.regex.Pattern;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A capability that keeps data about devices, registered as a whiteboard service so that an admin
 * can export and erase everything the server holds about one device. Calls come from an admin's
 * request thread and may block on the holder's database; a holder whose storage is not available
 * throws an {@link IllegalStateException} saying why, and the admin sees it per holder.
 */
@ConsumerType
public interface PersonalDataHolder {
    /** The form of a device id the holders are asked about: 8-64 base64url characters. */
    Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    /** Short, stable, lower-case name of the holder ({@code audit}, {@code trust}): the key of its part in an export. */
    String name();

    /**
     * Everything this holder keeps about {@code deviceId}, readable: a map whose values are strings,
     * numbers, booleans, lists and maps of the same (so it is JSON as it is). Empty when it holds nothing.
     */
    Map<String, Object> export(String deviceId);

    /**
     * Erases (or makes unreadable) what this holder keeps about {@code deviceId}, and says how much:
     * counts by kind ({@code records}, {@code keys}...). A second call finds nothing and answers zeros.
     */
    Map<String, Long> erase(String deviceId);
}
