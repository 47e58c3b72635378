from checkpoint_desk.domain.masking import mask_id_number, mask_phone


def test_masks_as_the_ledger_shows_them() -> None:
    assert mask_id_number("370811199001011234") == "370811********1234"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_id_number("") == "" and mask_phone(None) == ""
    assert "1234567" not in mask_id_number("1234567")
