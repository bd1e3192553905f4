package io.lanvan.policy.internal;

import io.lanvan.api.policy.Policy;
import io.lanvan.api.policy.PolicyListener;
import io.lanvan.api.policy.PolicyService;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policies in force. A configuration that breaks a rule is refused as a whole (the previous
 * policies stay in force, or the defaults at start) and the log names the field; listeners hear of
 * every change on a thread of their own, so a slow one delays nobody's configuration update.
 */
@Component(service = PolicyService.class, configurationPid = PolicyConfig.PID)
@Designate(ocd = PolicyConfig.class)
public final class Policies implements PolicyService {
    private static final Logger LOG = LoggerFactory.getLogger(Policies.class);

    private final List<PolicyListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "lanvan-policy"));
    private volatile RulesInForce rules;

    @Activate
    public Policies(PolicyConfig config) {
        this.rules = validOrDefault(config);
    }

    @Modified
    void modified(PolicyConfig config) {
        try {
            rules = RulesInForce.of(config);
            LOG.info("Policies changed: mode {}", rules.policy().mode().wire());
            Policy policy = rules.policy();
            listeners.forEach(listener -> notifier.execute(() -> tell(listener, policy)));
        } catch (InvalidPolicy e) {
            LOG.error("Policy change refused, the previous policies stay in force: {}", e.getMessage());
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addListener(PolicyListener listener) {
        listeners.add(listener);
        Policy policy = rules.policy();
        notifier.execute(() -> tell(listener, policy));
    }

    void removeListener(PolicyListener listener) {
        listeners.remove(listener);
    }

    @Override
    public Policy current() {
        return rules.policy();
    }

    @Override
    public boolean clientAllowed(String address) {
        RulesInForce current = rules;
        return AddressList.permits(current.clientAllow(), current.clientDeny(), address);
    }

    @Override
    public boolean adminAllowed(String address) {
        RulesInForce current = rules;
        return AddressList.permits(current.adminAllow(), current.adminDeny(), address);
    }

    @Override
    public List<String> validate(java.util.Map<String, Object> settings) {
        try {
            RulesInForce.of(Defaults.with(settings));
            return List.of();
        } catch (InvalidPolicy e) {
            return List.of(e.getMessage());
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
    }

    private static RulesInForce validOrDefault(PolicyConfig config) {
        try {
            return RulesInForce.of(config);
        } catch (InvalidPolicy e) {
            LOG.error("Policies refused, defaults in force until fixed: {}", e.getMessage());
            try {
                return RulesInForce.of(Defaults.CONFIG);
            } catch (InvalidPolicy impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    private static void tell(PolicyListener listener, Policy policy) {
        try {
            listener.policyChanged(policy);
        } catch (RuntimeException e) {
            LOG.error("Policy listener {} failed", listener, e);
        }
    }

    @Deactivate
    void deactivate() {
        notifier.shutdownNow();
    }

    /** The configuration type's own defaults, read from the annotation's default values. */
    static final class Defaults {
        static final PolicyConfig CONFIG = (PolicyConfig) java.lang.reflect.Proxy.newProxyInstance(
                PolicyConfig.class.getClassLoader(), new Class<?>[] {PolicyConfig.class},
                (proxy, method, args) -> method.getDefaultValue() != null ? method.getDefaultValue()
                        : "annotationType".equals(method.getName()) ? PolicyConfig.class : null);

        private Defaults() {
        }

        /** A configuration with the given values (converted as ConfigAdmin would) over the defaults. */
        static PolicyConfig with(java.util.Map<String, Object> values) {
            return (PolicyConfig) java.lang.reflect.Proxy.newProxyInstance(PolicyConfig.class.getClassLoader(),
                    new Class<?>[] {PolicyConfig.class}, (proxy, method, args) -> {
                        if ("annotationType".equals(method.getName())) {
                            return PolicyConfig.class;
                        }
                        Object value = values.get(method.getName());
                        return value == null ? method.getDefaultValue() : Coercion.to(method.getReturnType(), method.getName(), value);
                    });
        }
    }
}
