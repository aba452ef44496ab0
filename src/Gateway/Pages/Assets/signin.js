// The sign-in form of a dashboard's 401 and 403 pages: signs in (which also sets the dashboards' cookie) and
// opens the page again.
import { ApiError, describe, notice, session } from "/assets/shop.js";

const form = document.getElementById("signin-form");
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  try {
    await session.signIn(String(data.get("email")).trim(), String(data.get("password")));
    location.reload();
  } catch (error) {
    document.getElementById("message").replaceChildren(
      notice(error instanceof ApiError && error.status === 401 ? "Wrong email or password." : describe(error)));
  }
});
