export { CatHarvestError, errorClassProblems, type MarkedErrorClass } from "./cat-harvest-error.js";
