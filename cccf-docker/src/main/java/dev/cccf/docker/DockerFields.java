package dev.cccf.docker;

import dev.cccf.core.CccfReader;
import dev.cccf.core.FieldCheck;
import dev.cccf.core.fields.FieldTable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The names of the docker fields of cccf, and readers that check them. Each field is described
 * once, in cccf-core's {@link FieldTable} (its check and rule code, its {@code docker run}
 * options, its Engine API mapping, compose and swarm); this class names them for this module.
 *
 * <pre>{@code
 * Document doc = DockerFields.reader().read(Path.of("app.yml"));  // core rules + every field of the table
 * }</pre>
 */
public final class DockerFields {
    private DockerFields() {
    }

    public static final String RESTART = "restart";
    public static final String LABELS = "labels";
    public static final String NETWORK = "network";
    public static final String HOSTNAME = "hostname";
    public static final String USER = "user";
    public static final String WORKDIR = "workdir";
    public static final String ENTRYPOINT = "entrypoint";
    public static final String MEMORY = "memory";
    public static final String CPUS = "cpus";
    public static final String DNS = "dns";
    public static final String CAP_ADD = "cap_add";
    public static final String PRIVILEGED = "privileged";
    public static final String READ_ONLY = "read_only";
    public static final String VOLUMES_FROM = "volumes_from";
    public static final String DEPENDS_ON = "depends_on";
    public static final String HEALTHCHECK = "healthcheck";
    public static final String CONTAINER_NAME = "container_name";
    /** {@code missing}, {@code always} or {@code never}: how {@code cccf apply} gets the image ({@link PreFlight}). */
    public static final String PULL_POLICY = "pull_policy";
    /** Written by {@code cccf inspect} for a container that is not running ({@code "exited"} ...). */
    public static final String STATE = "state";

    /** Labels under this prefix belong to cccf ({@link CccfLabels}); a document may not set them. */
    public static final String RESERVED_LABEL_PREFIX = FieldTable.RESERVED_LABEL_PREFIX;

    /** The states docker reports for a container. */
    public static final Set<String> STATES = FieldTable.STATES;

    /** The code of a label whose key starts with {@link #RESERVED_LABEL_PREFIX}. */
    public static final String RESERVED_LABEL = FieldTable.RESERVED_LABEL;

    /** The reader of cccf documents with every field of the table checked. */
    public static CccfReader reader() {
        return FieldTable.reader();
    }

    /** {@code base} with every field of the table checked too. */
    public static CccfReader with(CccfReader base) {
        return FieldTable.with(base);
    }

    /** Each field of the table and its check, in the order the README lists them. */
    public static Map<String, FieldCheck> checks() {
        Map<String, FieldCheck> m = new LinkedHashMap<>();
        FieldTable.fields().forEach((name, f) -> m.put(name, f.check()));
        return Collections.unmodifiableMap(m);
    }

    /** The rule code of a docker field: {@code docker-} and the field name with '-' for '_'. */
    public static String code(String field) {
        return FieldTable.code(field);
    }

}
