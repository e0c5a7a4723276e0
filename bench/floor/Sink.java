package floor;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/**
 * The service's resource for POSTs calls a {@code @Stateless} bean outside a transaction
 * (SampleIngestion): the transaction belongs to the database's write, which a group of small
 * batches shares. This one is called the same way and does nothing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Sink {

    /** Takes the count it is given. */
    public int take(int samples) {
        return samples;
    }
}
