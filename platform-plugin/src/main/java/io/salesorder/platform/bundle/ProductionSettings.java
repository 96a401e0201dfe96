package io.salesorder.platform.bundle;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables a service cannot start without in production: every {@code ${NAME}} with no default
 * in a property of the default or prod profile of its application.properties.
 */
public final class ProductionSettings {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");

    private ProductionSettings() {
    }

    public static Set<String> read(Path applicationProperties) {
        Set<String> required = new TreeSet<>();
        if (!Files.isRegularFile(applicationProperties)) {
            return required;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(applicationProperties)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("%") && !key.startsWith("%prod.")) {
                continue;
            }
            Matcher reference = REFERENCE.matcher(properties.getProperty(key));
            while (reference.find()) {
                required.add(reference.group(1));
            }
        }
        return required;
    }
}
