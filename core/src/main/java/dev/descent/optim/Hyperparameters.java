package dev.descent.optim;

import dev.descent.spec.Param;
import dev.descent.spec.Spec;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Reads and writes an optimizer's {@code Config} record as string key/value pairs, so that defaults,
 * ranges and names are written once, in the record. Keys are the component names in snake case. A
 * component named {@code convention} whose record has a static {@code defaults(Convention)} method is a
 * preset: choosing it loads that framework's defaults before the explicit keys are applied.
 *
 * <p>This is how optimizers <em>declare</em> their parameters ({@link #params}); the registry shape, the spec
 * parser and the printer are the shared ones of {@link dev.descent.spec}.
 */
final class Hyperparameters {

    private Hyperparameters() {
    }

    static String key(String camel) {
        StringBuilder b = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                b.append('_').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static List<String> keys(Class<? extends Record> type) {
        List<String> keys = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            keys.add(key(c.getName()));
        }
        return keys;
    }

    /** The record's components as registry parameters, with the record's values as defaults. */
    static List<Param> params(Record defaults) {
        List<Param> out = new ArrayList<>();
        for (RecordComponent c : defaults.getClass().getRecordComponents()) {
            Hyperparameter h = c.getAnnotation(Hyperparameter.class);
            Class<?> t = c.getType();
            String range = t.isEnum() ? choices(t) : t == boolean.class ? "true, false" : h == null ? "" : h.range();
            out.add(new Param(key(c.getName()), type(t), show(value(c, defaults)), range, h == null ? "" : h.value()));
        }
        return out;
    }

    /** For each constant of the {@code convention} component, the defaults it loads (empty if none). */
    static Map<Enum<?>, Record> presets(Class<? extends Record> type) {
        Map<Enum<?>, Record> out = new LinkedHashMap<>();
        Method defaults = presetMethod(type);
        if (defaults == null) {
            return out;
        }
        for (Object e : defaults.getParameterTypes()[0].getEnumConstants()) {
            out.put((Enum<?>) e, invokePreset(defaults, e));
        }
        return out;
    }

    /** The enum type of the {@code convention} component, or null. */
    static Class<?> conventionType(Class<? extends Record> type) {
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getName().equals("convention") && c.getType().isEnum()) {
                return c.getType();
            }
        }
        return null;
    }

    /**
     * {@code defaults} with the given keys applied; every key must be a component of the record.
     *
     * @throws IllegalArgumentException naming the optimizer, the key and what is allowed
     */
    @SuppressWarnings("unchecked")
    static <C extends Record> C build(String optimizer, C defaults, Map<String, String> given) {
        Class<C> type = (Class<C>) defaults.getClass();
        RecordComponent[] comps = type.getRecordComponents();
        C base = defaults;
        String convention = given.get("convention");
        Method preset = presetMethod(type);
        if (convention != null && preset != null) {
            base = (C) invokePreset(preset, parse(optimizer, "convention", preset.getParameterTypes()[0], convention));
        }
        Object[] args = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        for (int k = 0; k < comps.length; k++) {
            types[k] = comps[k].getType();
            String text = given.get(key(comps[k].getName()));
            args[k] = text == null ? value(comps[k], base) : parse(optimizer, key(comps[k].getName()), types[k], text);
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw new IllegalArgumentException(optimizer + ": " + iae.getMessage(), iae);
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getName(), e);
        }
    }

    static Object parse(String optimizer, String key, Class<?> type, String text) {
        String s = text.strip();
        if (type == double.class) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(optimizer + ": " + key + " must be a number, got '" + text + "'");
            }
        }
        if (type == boolean.class) {
            if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(s);
            }
            throw new IllegalArgumentException(optimizer + ": " + key + " must be true or false, got '" + text + "'");
        }
        if (type.isEnum()) {
            for (Object e : type.getEnumConstants()) {
                if (((Enum<?>) e).name().equalsIgnoreCase(s)) {
                    return e;
                }
            }
            throw new IllegalArgumentException(optimizer + ": " + key + " must be one of " + choices(type) + ", got '" + text + "'");
        }
        throw new IllegalStateException("unsupported hyperparameter type " + type);
    }

    static String show(Object v) {
        return v instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : String.valueOf(v);
    }

    /** The spec {@code name(key=value, ...)} of every component, then the weight decay. */
    static Spec spec(String name, Record config, WeightDecay weightDecay) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (RecordComponent c : config.getClass().getRecordComponents()) {
            values.put(key(c.getName()), value(c, config));
        }
        values.put(Optimizers.WEIGHT_DECAY, weightDecay.coefficient());
        values.put(Optimizers.WEIGHT_DECAY_MODE, weightDecay.mode());
        return Spec.of(name, values);
    }

    static String choices(Class<?> enumType) {
        StringJoiner j = new StringJoiner(", ");
        for (Object e : enumType.getEnumConstants()) {
            j.add(show(e));
        }
        return j.toString();
    }

    private static Param.Type type(Class<?> t) {
        return t.isEnum() ? Param.Type.CHOICE : t == boolean.class ? Param.Type.BOOLEAN : Param.Type.NUMBER;
    }

    private static Object value(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Method presetMethod(Class<?> type) {
        Class<?> conv = null;
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getName().equals("convention") && c.getType().isEnum()) {
                conv = c.getType();
            }
        }
        if (conv == null) {
            return null;
        }
        try {
            Method m = type.getMethod("defaults", conv);
            return m.getReturnType() == type ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Record invokePreset(Method m, Object convention) {
        try {
            return (Record) m.invoke(null, convention);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
