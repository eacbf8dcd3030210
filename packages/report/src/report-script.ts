/** The report's only script: jump to the breed chosen in the list. No network, no libraries. */
export const REPORT_SCRIPT = `
document.getElementById("jump").addEventListener("change", function (e) {
  var id = e.target.value;
  if (id) { location.hash = id; e.target.value = ""; }
});
`;
