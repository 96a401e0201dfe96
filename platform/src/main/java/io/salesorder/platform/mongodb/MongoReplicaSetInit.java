package io.salesorder.platform.mongodb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.bson.Document;
import org.jboss.logging.Logger;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoCredential;
import com.mongodb.MongoException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The platform's own workload, run as a Job after each deploy: brings the MongoDB replica set to its declared
 * shape (initiating it once, then adding and removing one member at a time) and makes sure order-service's user exists
 * with the password of its Secret. Every step is idempotent: a second run changes nothing.
 */
@QuarkusMain
public class MongoReplicaSetInit implements QuarkusApplication {

    private static final Logger LOG = Logger.getLogger(MongoReplicaSetInit.class);
    private static final int NOT_YET_INITIALIZED = 94;

    @Inject
    InitSettings settings;

    @Override
    public int run(String... args) throws InterruptedException {
        Instant giveUp = Instant.now().plus(settings.patience());
        while (true) {
            try {
                ReplicaSetPlan plan = ReplicaSetPlan.decide(settings.members(), states(), configuredMembers());
                switch (plan.action()) {
                    case WAIT -> LOG.infof("Waiting for %s to answer", plan.members());
                    case INITIATE -> initiate();
                    case ADD_MEMBER -> reconfigure(plan.members().get(0), true);
                    case REMOVE_MEMBER -> reconfigure(plan.members().get(0), false);
                    case NOTHING -> {
                        ensureApplicationUser();
                        LOG.infof("Replica set %s has its %d members; %s can log in", settings.name(),
                                settings.members().size(), settings.appUsername());
                        return 0;
                    }
                }
            } catch (MongoException e) {
                LOG.warnf("Not there yet: %s", e.getMessage());
            }
            if (Instant.now().isAfter(giveUp)) {
                LOG.errorf("Gave up after %s: the replica set is not complete", settings.patience());
                return 1;
            }
            TimeUnit.MILLISECONDS.sleep(settings.retryEvery().toMillis());
        }
    }

    private Map<String, MemberState> states() {
        Map<String, MemberState> states = new LinkedHashMap<>();
        for (String member : settings.members()) {
            try (MongoClient client = direct(member)) {
                client.getDatabase("admin").runCommand(new Document("replSetGetStatus", 1));
                states.put(member, MemberState.CONFIGURED);
            } catch (MongoCommandException e) {
                states.put(member, e.getErrorCode() == NOT_YET_INITIALIZED ? MemberState.UNCONFIGURED : MemberState.UNREACHABLE);
            } catch (MongoException e) {
                states.put(member, MemberState.UNREACHABLE);
            }
        }
        return states;
    }

    @SuppressWarnings("unchecked")
    private Set<String> configuredMembers() {
        Set<String> configured = new HashSet<>();
        for (String member : settings.members()) {
            try (MongoClient client = direct(member)) {
                Document config = client.getDatabase("admin").runCommand(new Document("replSetGetConfig", 1))
                        .get("config", Document.class);
                for (Document entry : (List<Document>) config.get("members")) {
                    configured.add(entry.getString("host"));
                }
                return configured;
            } catch (MongoException e) {
                // Not configured or not answering: ask the next member.
            }
        }
        return configured;
    }

    private void initiate() {
        List<Document> members = new ArrayList<>();
        for (int i = 0; i < settings.members().size(); i++) {
            members.add(new Document("_id", i).append("host", settings.members().get(i)).append("priority", i == 0 ? 2 : 1));
        }
        try (MongoClient client = direct(settings.members().get(0))) {
            client.getDatabase("admin").runCommand(new Document("replSetInitiate",
                    new Document("_id", settings.name()).append("members", members)));
            LOG.infof("Initiated replica set %s with %s", settings.name(), settings.members());
        }
    }

    /** One voting member in or out per reconfiguration; MongoDB refuses more, and the loop asks again after. */
    @SuppressWarnings("unchecked")
    private void reconfigure(String host, boolean add) {
        try (MongoClient client = toSet()) {
            MongoDatabase admin = client.getDatabase("admin");
            Document config = admin.runCommand(new Document("replSetGetConfig", 1)).get("config", Document.class);
            List<Document> members = new ArrayList<>((List<Document>) config.get("members"));
            if (add) {
                int nextId = members.stream().mapToInt(m -> m.getInteger("_id")).max().orElse(-1) + 1;
                members.add(new Document("_id", nextId).append("host", host));
            } else {
                members.removeIf(m -> host.equals(m.getString("host")));
            }
            config.put("members", members);
            config.put("version", config.getInteger("version") + 1);
            admin.runCommand(new Document("replSetReconfig", config));
            LOG.infof("%s %s %s replica set %s", add ? "Added" : "Removed", host, add ? "to" : "from", settings.name());
        }
    }

    private void ensureApplicationUser() {
        try (MongoClient client = toSet()) {
            MongoDatabase database = client.getDatabase(settings.database());
            Document found = database.runCommand(new Document("usersInfo", settings.appUsername()));
            List<?> users = found.getList("users", Document.class);
            List<Document> roles = List.of(new Document("role", "readWrite").append("db", settings.database()));
            if (users.isEmpty()) {
                database.runCommand(new Document("createUser", settings.appUsername())
                        .append("pwd", settings.appPassword()).append("roles", roles));
                LOG.infof("Created user %s with readWrite on %s", settings.appUsername(), settings.database());
            } else {
                // Keeps the password in step with the Secret, which may have been rotated.
                database.runCommand(new Document("updateUser", settings.appUsername())
                        .append("pwd", settings.appPassword()).append("roles", roles));
            }
        }
    }

    private MongoClient direct(String member) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyToClusterSettings(c -> c.hosts(List.of(new ServerAddress(member))).mode(com.mongodb.connection.ClusterConnectionMode.SINGLE)
                        .serverSelectionTimeout(3, TimeUnit.SECONDS))
                .applyToSocketSettings(s -> s.connectTimeout(3, TimeUnit.SECONDS).readTimeout(10, TimeUnit.SECONDS))
                .credential(admin())
                .build());
    }

    private MongoClient toSet() {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://" + String.join(",", settings.members())
                        + "/?replicaSet=" + settings.name()))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(30, TimeUnit.SECONDS))
                .credential(admin())
                .build());
    }

    private MongoCredential admin() {
        return MongoCredential.createCredential(settings.adminUsername(), "admin", settings.adminPassword().toCharArray());
    }
}
