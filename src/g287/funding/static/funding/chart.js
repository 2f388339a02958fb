// The public funding chart: approved and paid per fiscal quarter, in dollars (data in cents).
document.addEventListener("DOMContentLoaded", function () {
  var canvas = document.getElementById("funding-chart");
  var source = document.getElementById("funding-data");
  if (!canvas || !source || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var toDollars = function (cents) { return cents / 100; };
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        { label: "Approved", data: data.approved.map(toDollars) },
        { label: "Paid", data: data.paid.map(toDollars) }
      ]
    },
    options: { responsive: true, scales: { y: { beginAtZero: true } } }
  });
});
