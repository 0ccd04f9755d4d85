package evil;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/**
 * Stands for a deserialization gadget: a class outside the allow-list whose readObject has a side
 * effect. If the store ever runs it, {@link #executed} says so.
 */
public class Gadget implements Serializable {

    private static final long serialVersionUID = 1L;
    public static volatile boolean executed;

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        executed = true;
        in.defaultReadObject();
    }
}
