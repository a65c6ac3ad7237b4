// Starts GOV.UK Frontend's components (error summary focus, character counts, etc.).
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
