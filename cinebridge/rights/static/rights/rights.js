/* Pickers of the rights forms: group, country and media choosers that write into an expression
   field; a language-use chooser; the term builder showing the fields of the term kind chosen.
   Without JavaScript every field stays visible and expressions are typed. No dependencies. */
(function () {
  "use strict";

  var EXCLUDING = /\s+(?:excluding|excl\.?|except|without)\s+/i;

  function terms(text) {
    return text.split(/\s*[+,;]\s*/).map(function (s) { return s.trim(); }).filter(Boolean);
  }

  function readExpression(text) {
    var parts = text.trim().split(EXCLUDING);
    return { include: terms(parts[0] || ""), exclude: terms(parts.slice(1).join(", ")) };
  }

  function writeExpression(expression) {
    var text = expression.include.join(" + ");
    if (expression.exclude.length) {
      text += " excluding " + expression.exclude.join(", ");
    }
    return text;
  }

  function without(list, code) {
    return list.filter(function (item) { return item.toUpperCase() !== code.toUpperCase(); });
  }

  function announce(input) {
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function choose(button) {
    var chooser = button.closest("[data-chooser-for]");
    var input = document.getElementById(chooser.dataset.chooserFor);
    var code = chooser.querySelector("select").value;
    if (!input || !code) {
      return;
    }
    var expression = readExpression(input.value);
    expression.include = without(expression.include, code);
    expression.exclude = without(expression.exclude, code);
    if (button.dataset.chooserAction === "exclude") {
      if (!expression.include.length) {
        expression.include.push(chooser.dataset.chooserRoot);
      }
      expression.exclude.push(code);
    } else {
      expression.include.push(code);
    }
    input.value = writeExpression(expression);
    announce(input);
  }

  function addLanguageUse(button) {
    var chooser = button.closest("[data-language-chooser-for]");
    var input = document.getElementById(chooser.dataset.languageChooserFor);
    var selects = chooser.querySelectorAll("select");
    var token = selects[0].value + ":" + selects[1].value;
    var tokens = input.value.split(/[\s,]+/).filter(Boolean);
    if (tokens.indexOf(token) === -1) {
      tokens.push(token);
    }
    input.value = tokens.join(" ");
    announce(input);
  }

  function fieldValue(form, name) {
    var field = form.elements.namedItem(name);
    return field ? field.value : "";
  }

  function showParts(form) {
    var term = fieldValue(form, "term");
    form.querySelectorAll("[data-term-part]").forEach(function (part) {
      part.hidden = part.dataset.termPart.split(" ").indexOf(term) === -1 && !part.querySelector(".invalid-feedback");
    });
    form.querySelectorAll("[data-show-when]").forEach(function (part) {
      var rule = part.dataset.showWhen.split("=");
      part.hidden = fieldValue(form, rule[0]) !== rule[1] && !part.querySelector(".invalid-feedback");
    });
  }

  document.addEventListener("click", function (event) {
    var chooserButton = event.target.closest("[data-chooser-action]");
    if (chooserButton) {
      choose(chooserButton);
      return;
    }
    var languageButton = event.target.closest("[data-language-chooser-add]");
    if (languageButton) {
      addLanguageUse(languageButton);
    }
  });

  document.addEventListener("change", function (event) {
    var form = event.target.form;
    if (form && form.classList.contains("cb-grant-form")) {
      showParts(form);
    }
  });

  function start() {
    document.querySelectorAll("[data-chooser-for][hidden], [data-language-chooser-for][hidden]").forEach(function (chooser) {
      chooser.hidden = false;
    });
    document.querySelectorAll("form.cb-grant-form").forEach(showParts);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
