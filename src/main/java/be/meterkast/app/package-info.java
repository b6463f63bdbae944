/**
 * The application services, one per feature, used alike by the pages and by the JSON API:
 * {@link be.meterkast.app.users.UserService} (setup, login with its throttle, registration, password,
 * language, logout, the admin's users), {@link be.meterkast.app.households.HouseholdService} (households,
 * members, invitations), {@link be.meterkast.app.meters.MeterService} (Fluvius accounts, meters with
 * {@link be.meterkast.app.meters.MeterInput}'s checks, sync state) and
 * {@link be.meterkast.app.readings.ReadingService} (what the home, meter, compare and export pages and the API
 * read).
 *
 * <p>They work on {@link be.meterkast.store.Repositories} and run transactions through it; they know nothing
 * of HTTP. Routes in {@code web} parse the request, call one service and render or answer JSON.
 */
package be.meterkast.app;
