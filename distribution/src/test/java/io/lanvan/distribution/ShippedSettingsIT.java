package io.lanvan.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The {@code etc/*.cfg} files an admin reads tell the truth: every setting they show exists in its bundle's
 * configuration type (the Metatype the bundles ship), and a setting shown commented out with one number, yes/no
 * or choice is that type's default. Lists and free text (addresses, a company name, a JDBC URL) are examples.
 * Read from the packed archive, as it ships.
 */
class ShippedSettingsIT {
    /** {@code #key = value} (commented out) or {@code key = value}; prose comments start with "# ". */
    private static final Pattern SETTING = Pattern.compile("^#?([A-Za-z][A-Za-z0-9]*)\\s*=\\s*(.*)$");

    private static final Map<String, Map<String, Attribute>> typesByPid = new HashMap<>();
    private static final Map<String, String> cfgFiles = new HashMap<>();

    /** One attribute of a configuration type: its Metatype type, whether it holds a list, its default. */
    private record Attribute(String type, boolean list, boolean choice, String defaultValue) {
        boolean isDefaultShown() {
            return !list && (choice || type.equals("Integer") || type.equals("Long") || type.equals("Boolean"));
        }
    }

    @BeforeAll
    static void readTheArchive() throws Exception {
        Path archive = Path.of(System.getProperty("lanvan.archive", "target/lanvan-dist.zip"));
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.matches("[^/]+/etc/[^/]+\\.cfg")) {
                    String pid = name.substring(name.lastIndexOf('/') + 1, name.length() - ".cfg".length());
                    cfgFiles.put(pid, new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
                } else if (name.matches("[^/]+/(system/\\d+|extras)/[^/]+\\.jar")) {
                    try (InputStream jar = zip.getInputStream(entry)) {
                        readMetatype(jar);
                    }
                }
            }
        }
        assertFalse(cfgFiles.isEmpty(), "no etc/*.cfg in " + archive);
    }

    @Test
    void everySettingAnEtcFileShowsExistsInItsBundlesConfiguration() {
        List<String> unknown = new ArrayList<>();
        cfgFiles.forEach((pid, text) -> settings(text).keySet().stream()
                .filter(key -> !typesByPid.getOrDefault(pid, Map.of()).containsKey(key))
                .forEach(key -> unknown.add("etc/" + pid + ".cfg: " + key)));
        assertTrue(unknown.isEmpty(), "settings no configuration type has: " + unknown);
    }

    @Test
    void aNumberYesNoOrChoiceShownCommentedOutIsTheDefault() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, String> file : cfgFiles.entrySet()) {
            Map<String, Attribute> type = typesByPid.getOrDefault(file.getKey(), Map.of());
            for (Map.Entry<String, String> setting : settings(file.getValue()).entrySet()) {
                Attribute attribute = type.get(setting.getKey());
                if (attribute != null && attribute.isDefaultShown()) {
                    checked++;
                    if (!attribute.defaultValue().equalsIgnoreCase(setting.getValue())) {
                        wrong.add("etc/" + file.getKey() + ".cfg shows " + setting.getKey() + " = " + setting.getValue()
                                + ", the default is " + attribute.defaultValue());
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(checked > 20, "only " + checked + " defaults checked: is the Metatype in the bundles?");
    }

    private static Map<String, String> settings(String cfg) {
        Map<String, String> settings = new HashMap<>();
        for (String line : cfg.split("\\R")) {
            Matcher setting = SETTING.matcher(line.strip());
            if (setting.matches()) {
                settings.put(setting.group(1), setting.group(2).strip());
            }
        }
        return settings;
    }

    private static void readMetatype(InputStream jarBytes) throws Exception {
        try (ZipInputStream jar = new ZipInputStream(jarBytes)) {
            for (ZipEntry entry = jar.getNextEntry(); entry != null; entry = jar.getNextEntry()) {
                if (entry.getName().startsWith("OSGI-INF/metatype/") && entry.getName().endsWith(".xml")) {
                    readDesignates(parse(jar.readAllBytes()));
                }
            }
        }
    }

    private static void readDesignates(Document metatype) {
        Map<String, Map<String, Attribute>> typesById = new HashMap<>();
        NodeList ocds = metatype.getElementsByTagName("OCD");
        for (int i = 0; i < ocds.getLength(); i++) {
            Element ocd = (Element) ocds.item(i);
            Map<String, Attribute> attributes = new HashMap<>();
            NodeList ads = ocd.getElementsByTagName("AD");
            for (int j = 0; j < ads.getLength(); j++) {
                Element ad = (Element) ads.item(j);
                String cardinality = ad.getAttribute("cardinality");
                attributes.put(ad.getAttribute("id"), new Attribute(ad.getAttribute("type"),
                        !cardinality.isEmpty() && !cardinality.equals("0"),
                        ad.getElementsByTagName("Option").getLength() > 0, ad.getAttribute("default")));
            }
            typesById.put(ocd.getAttribute("id"), attributes);
        }
        NodeList designates = metatype.getElementsByTagName("Designate");
        for (int i = 0; i < designates.getLength(); i++) {
            Element designate = (Element) designates.item(i);
            Element object = (Element) designate.getElementsByTagName("Object").item(0);
            typesByPid.put(designate.getAttribute("pid"), typesById.get(object.getAttribute("ocdref")));
        }
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try {
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (IOException e) {
            throw new IOException("unreadable Metatype: " + e.getMessage(), e);
        }
    }
}
