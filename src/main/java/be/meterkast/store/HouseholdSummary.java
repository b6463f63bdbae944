package be.meterkast.store;

/** A household as the administrator's list shows it: how many members, owners, meters and accounts it has. */
public record HouseholdSummary(Household household, long members, long owners, long meters, long accounts) {
    /** No owner: nobody but the administrator can manage or remove it. */
    public boolean orphaned() {
        return owners == 0;
    }
}
