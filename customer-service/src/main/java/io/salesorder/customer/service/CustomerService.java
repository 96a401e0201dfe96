package io.salesorder.customer.service;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.DataException;
import org.hibernate.exception.JDBCConnectionException;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.salesorder.customer.mapping.CustomerMapper;
import io.salesorder.customer.model.Customer;
import io.salesorder.customer.rest.CustomerRequest;
import io.salesorder.customer.rest.CustomerView;
import io.salesorder.problem.ConflictException;
import io.salesorder.problem.ProblemException;
import io.salesorder.problem.ServiceUnavailableException;

/**
 * Customers. A write runs in its own transaction; a read runs in none, in autocommit, so that a page costs its two
 * statements (the rows and the total) and nothing around them: no {@code SET autocommit}, no {@code COMMIT}. The two
 * are separate reads, so a customer created between them can make the total one more than the page shows. Database
 * failures are translated here, once: a lost database is a 503, a broken uniqueness rule a 409, a value the schema
 * refuses a 400; never a 500.
 */
@ApplicationScoped
public class CustomerService {

    public record Listing(List<CustomerView> customers, long total) {
    }

    public Listing list(int page, int size) {
        return read(() -> new Listing(
                Customer.<Customer>findAll(Sort.by("id")).page(Page.of(page, size)).stream()
                        .map(CustomerMapper::toView).toList(),
                Customer.count()));
    }

    public Optional<CustomerView> find(long id) {
        return read(() -> Customer.<Customer>findByIdOptional(id).map(CustomerMapper::toView));
    }

    public CustomerView create(CustomerRequest request) {
        return inTransaction(() -> {
            if (Customer.count("email", request.email()) > 0) {
                throw new ConflictException("A customer with email " + request.email() + " exists");
            }
            Customer customer = CustomerMapper.toEntity(request);
            customer.persistAndFlush();
            return CustomerMapper.toView(customer);
        });
    }

    /** A read: the request's session, outside any transaction. */
    private static <T> T read(Supplier<T> work) {
        try {
            return work.get();
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    private static <T> T inTransaction(Supplier<T> work) {
        try {
            return QuarkusTransaction.requiringNew().call(work::get);
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    private static RuntimeException translate(RuntimeException e) {
        if (anyCause(e, CustomerService::isLinkFailure)) {
            // Whenever the link broke, at the first statement or at commit (where Narayana reports ARJUNA016053
            // with the driver's failure suppressed), the database is what failed.
            return new ServiceUnavailableException("The customer database", e);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException) {
                return new ConflictException("The customer conflicts with an existing one");
            }
            if (cause instanceof DataException) {
                return new ProblemException(400, "A value does not fit the customer record");
            }
        }
        return e;
    }

    static boolean isLinkFailure(Throwable cause) {
        if (cause instanceof JDBCConnectionException || cause instanceof SQLTransientConnectionException
                || cause instanceof SQLNonTransientConnectionException || cause instanceof SQLRecoverableException
                || cause instanceof java.net.ConnectException || isAcquisitionTimeout(cause)) {
            return true;
        }
        // SQLSTATE class 08: connection exception.
        return cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08");
    }

    /** Whether {@code failure}, a cause or a suppressed exception anywhere below it, matches. */
    static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
        Deque<Throwable> pending = new ArrayDeque<>(List.of(failure));
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!pending.isEmpty()) {
            Throwable next = pending.pop();
            if (!seen.add(next)) {
                continue;
            }
            if (test.test(next)) {
                return true;
            }
            if (next.getCause() != null) {
                pending.push(next.getCause());
            }
            pending.addAll(List.of(next.getSuppressed()));
        }
        return false;
    }

    private static boolean isAcquisitionTimeout(Throwable cause) {
        return cause instanceof java.sql.SQLException && cause.getMessage() != null
                && cause.getMessage().contains("Acquisition timeout");
    }
}
