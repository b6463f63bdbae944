// Upload progress for Mijn Fluvius files: a big file takes a while to send, so the form shows how far it got,
// then the import's report replaces the page. Without JavaScript the form posts as usual.
(function () {
  'use strict';
  document.querySelectorAll('form[data-upload-progress]').forEach(function (form) {
    var line = form.querySelector('.upload-progress');
    form.addEventListener('submit', function (event) {
      if (!window.FormData || !line) {
        return;
      }
      event.preventDefault();
      var bar = line.querySelector('progress');
      var text = line.querySelector('span');
      line.hidden = false;
      form.querySelector('button[type=submit]').disabled = true;
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      xhr.upload.addEventListener('progress', function (e) {
        if (e.lengthComputable) {
          bar.max = e.total;
          bar.value = e.loaded;
          text.textContent = line.dataset.sending.replace('{0}', Math.round(100 * e.loaded / e.total));
        }
      });
      xhr.upload.addEventListener('load', function () {
        bar.removeAttribute('value');
        text.textContent = line.dataset.importing;
      });
      xhr.addEventListener('load', function () {
        document.open();
        document.write(xhr.responseText);
        document.close();
      });
      xhr.addEventListener('error', function () {
        form.submit();
      });
      xhr.send(new FormData(form));
    });
  });
}());
