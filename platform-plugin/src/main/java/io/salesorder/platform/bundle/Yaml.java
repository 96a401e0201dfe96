package io.salesorder.platform.bundle;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/** Reading and writing multi-document YAML as plain maps, in a stable, reviewable layout. */
public final class Yaml {

    private static final ObjectMapper MAPPER = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Yaml() {
    }

    /** Every non-empty document of a file. */
    public static List<Map<String, Object>> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return read(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        } catch (RuntimeException e) {
            throw new BundleException(file + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    public static List<Map<String, Object>> read(Reader reader) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        MappingIterator<Map<String, Object>> iterator = MAPPER.readerFor(new TypeReference<Map<String, Object>>() {
        }).readValues(reader);
        while (iterator.hasNext()) {
            Map<String, Object> document = iterator.next();
            if (document != null && !document.isEmpty()) {
                documents.add(document);
            }
        }
        return documents;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A deep copy of a document, in the same field order. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> copy(Map<String, Object> document) {
        try {
            return MAPPER.readValue(write(document), java.util.LinkedHashMap.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
