package io.apollo.persistence.boundary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The versions of the migration scripts the WAR carries for a database, in order. */
final class MigrationScripts {

    private static final Pattern VERSIONED = Pattern.compile("V([0-9]+(?:\\.[0-9]+)*)__[^.]+\\.sql");

    private MigrationScripts() {
    }

    static List<String> versions(String vendor) {
        URL folder = MigrationScripts.class.getClassLoader().getResource("db/migration/" + vendor);
        if (folder == null) {
            throw new IllegalStateException("No migration scripts for " + vendor);
        }
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            return files.map(file -> VERSIONED.matcher(file.getFileName().toString()))
                    .map(matcher -> {
                        if (!matcher.matches()) {
                            throw new IllegalStateException("Not a versioned migration: " + matcher);
                        }
                        return matcher.group(1);
                    })
                    .sorted(Comparator.comparing(MigrationScripts::numeric, MigrationScripts::compare))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int[] numeric(String version) {
        return Stream.of(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }

    private static int compare(int[] left, int[] right) {
        return java.util.Arrays.compare(left, right);
    }
}
